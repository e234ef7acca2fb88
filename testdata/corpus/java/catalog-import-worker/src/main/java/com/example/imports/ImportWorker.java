package com.example.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import com.thoughtworks.xstream.XStream;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Hashtable;
import javax.naming.Context.*;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.SimpleBindings;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Imports partner catalogue messages from SQS in several legacy formats. */
public class ImportWorker implements RequestHandler<SQSEvent, Void> {
    private static final String PRICE_RULE = "price * (1 - discount)";

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        for (SQSEvent.SQSMessage msg : event.getRecords()) {
            String format = msg.getMessageAttributes().get("format").getStringValue();
            String body = msg.getBody();
            try {
                switch (format) {
                    case "java": importJava(body); break;
                    case "xml": importXml(body); break;
                    case "yaml": importYaml(body); break;
                    case "json": importJson(body); break;
                    default: evaluate(body, msg.getMessageAttributes().get("rule").getStringValue());
                }
            } catch (Exception e) {
                context.getLogger().log("message " + msg.getMessageId() + " failed: " + e.getClass().getName());
            }
        }
        return null;
    }

    private Object importJava(String body) throws Exception {
        byte[] raw = Base64.getDecoder().decode(body);
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw));
        Object legacy = in.readObject();
        ObjectInputStream filtered = new ObjectInputStream(new ByteArrayInputStream(raw));
        filtered.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.imports.CatalogItem;!*"));
        Object item = filtered.readObject();
        XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(raw));
        Object bean = decoder.readObject();
        return legacy.toString() + item + bean;
    }

    private Object importXml(String body) throws Exception {
        XStream xstream = new XStream();
        Object catalog = xstream.fromXML(body);
        XStream strict = new XStream();
        strict.allowTypes(new Class[] {CatalogItem.class});
        Object checked = strict.fromXML(body);

        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        DocumentBuilderFactory hardened = DocumentBuilderFactory.newInstance();
        hardened.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document safeDoc = hardened.newDocumentBuilder().parse(new InputSource(new StringReader(body)));

        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.newSAXParser().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new DefaultHandler());
        SAXParserFactory spfSafe = SAXParserFactory.newInstance();
        spfSafe.setFeature("http://xml.org/sax/features/external-general-entities", false);
        spfSafe.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        spfSafe.newSAXParser().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new DefaultHandler());

        XMLInputFactory xif = XMLInputFactory.newInstance();
        XMLStreamReader reader = xif.createXMLStreamReader(new StringReader(body));
        XMLInputFactory xifSafe = XMLInputFactory.newFactory();
        xifSafe.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader safeReader = xifSafe.createXMLStreamReader(new StringReader(body));

        TransformerFactory tf = TransformerFactory.newInstance();
        Transformer t = tf.newTransformer(new StreamSource(new StringReader(body)));
        TransformerFactory tfSafe = TransformerFactory.newInstance();
        tfSafe.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tfSafe.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");

        XPath xpath = XPathFactory.newInstance().newXPath();
        String sku = safeDoc.getDocumentElement().getAttribute("sku");
        String price = xpath.evaluate("/catalog/item[@sku='" + body.substring(0, 8) + "']/price", safeDoc);
        String count = xpath.evaluate("count(/catalog/item)", safeDoc);
        return catalog.toString() + checked + doc + reader + safeReader + t + price + count + sku;
    }

    private Object importYaml(String body) {
        Yaml yaml = new Yaml();
        Object data = yaml.load(body);
        Yaml safe = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object safeData = safe.load(body);
        return data.toString() + safeData;
    }

    private Object importJson(String body) throws Exception {
        ObjectMapper legacy = new ObjectMapper();
        legacy.enableDefaultTyping();
        ObjectMapper poly = new ObjectMapper();
        poly.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        ObjectMapper strict = new ObjectMapper();
        strict.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(CatalogItem.class).build());
        CatalogItem item = new ObjectMapper().readValue(body, CatalogItem.class);
        return legacy.readValue(body, Object.class).toString() + poly.readValue(body, Object.class) + strict + item;
    }

    private Object evaluate(String body, String rule) throws Exception {
        ScriptEngine js = new ScriptEngineManager().getEngineByName("javascript");
        Object scripted = js.eval(rule);
        SimpleBindings bindings = new SimpleBindings();
        bindings.put("payload", body);
        Object fixed = js.eval("JSON.parse(payload).items.length", bindings);

        ExpressionParser parser = new SpelExpressionParser();
        Expression expr = parser.parseExpression(rule);
        Object value = expr.getValue(new StandardEvaluationContext());
        Expression priceRule = parser.parseExpression(PRICE_RULE);
        Object price = priceRule.getValue(SimpleEvaluationContext.forReadOnlyDataBinding().build());

        Hashtable<String, String> env = new Hashtable<>();
        env.put(javax.naming.Context.PROVIDER_URL, System.getenv("LDAP_URL"));
        DirContext ldap = new InitialDirContext(env);
        SearchControls sc = new SearchControls();
        ldap.search("ou=partners,dc=example,dc=com", "(&(objectClass=partner)(cn=" + body + "))", sc);
        ldap.search("ou=partners,dc=example,dc=com", "(&(objectClass=partner)(cn={0}))", new Object[] {body}, sc);
        return scripted.toString() + fixed + value + price;
    }
}
